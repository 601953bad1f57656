import { REST_ROUTES } from "../../src/rest";
import type { Route } from "../../src/rest/route";
import { FEATURES } from "../../src/rest/unsupported";

// The catch-all names an unsupported Zep feature by matching "METHOD /path" against FEATURES. Routes are
// registered first, so a pattern that also matches a served route never answers at run time: it only
// states, wrongly, that usergraph does not do what it does, and nothing would notice. This test does.

/** The route as the catch-all would see a request for it: ":param" filled with a sample value. */
const sampleRequest = (route: Route): string => `${route.method} ${route.path.replace(/:\w+/g, "abc")}`;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** What the route serves, as a pattern over "METHOD /path" (a parameter is one path segment, as in Express). */
const servedBy = (route: Route): RegExp =>
  new RegExp(`^${route.method} ${route.path.split(/:\w+/).map(escapeRegExp).join("[^/]+")}$`);

/** Calls the official Zep SDK (3.30) makes that usergraph does not serve, at least one per feature. */
const UNSUPPORTED_REQUESTS = [
  "POST /graph/clone",
  "GET /entity-types",
  "PUT /entity-types",
  "POST /user-summary-instructions",
  "DELETE /custom-instructions",
  "POST /graph-batch",
  "POST /threads/abc/messages-batch",
  "POST /batches",
  "GET /batches/abc/items",
  "POST /graph/create",
  "GET /graph/list-all",
  "POST /graph/node/graph/team",
  "POST /graph/episodes/graph/team",
  "GET /graph/team",
  "PATCH /graph/team",
  "DELETE /graph/team",
  "GET /graph/team/warm",
  "GET /graph/observation/abc",
  "POST /graph/observation/user/abc",
  "POST /graph/thread-summary/user/abc",
  "POST /graph/nodes",
  "POST /graph/patterns",
  "POST /graph/subgraph",
  "GET /graph/documents/abc/episodes",
  "PATCH /graph/node/abc",
  "PATCH /graph/edge/abc",
  "DELETE /graph/node/abc",
  "GET /graph/node/abc/episodes",
  "POST /graph/node/abc/neighbors",
  "GET /graph/episodes/abc",
  "DELETE /graph/episodes/abc",
  "GET /graph/episodes/abc/mentions",
  "POST /graph/episodes/user/abc",
  "GET /threads/abc/summary",
  "GET /threads/abc/episodes",
  "PATCH /messages/abc",
  "GET /context-templates",
  "PUT /context-templates/abc",
  "GET /user-groups",
  "DELETE /user-groups/abc/members/def",
  "POST /abac/user-groups/abc/policy-sets",
  "GET /projects/info",
  "GET /tasks/abc",
];

describe("the REST route table and the unsupported features", () => {
  it("serves each method and path from one route only", () => {
    const keys = REST_ROUTES.map((route) => `${route.method} ${route.path}`);
    expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
  });

  it.each(REST_ROUTES.map((route) => [sampleRequest(route)]))("%s is claimed by no unsupported feature", (request) => {
    const claimedBy = FEATURES.filter(([pattern]) => pattern.test(request)).map(([pattern]) => String(pattern));
    expect(claimedBy).toEqual([]);
  });

  it.each(FEATURES.map(([pattern, feature]) => [String(pattern), feature, pattern]))(
    "%s (%s) matches one of the sample unsupported requests",
    (_source, _feature, pattern) => {
      expect(UNSUPPORTED_REQUESTS.filter((request) => pattern.test(request))).not.toEqual([]);
    },
  );

  it.each(UNSUPPORTED_REQUESTS.map((request) => [request]))("the sample %s is served by no route and named by a feature", (request) => {
    expect(REST_ROUTES.filter((route) => servedBy(route).test(request)).map(sampleRequest)).toEqual([]);
    expect(FEATURES.some(([pattern]) => pattern.test(request))).toBe(true);
  });
});

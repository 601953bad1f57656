import type { EpisodeResolvers } from "../__generated__/resolvers-types";

export const Episode: EpisodeResolvers = {
  mentions: (episode, _args, { loaders }) => loaders.mentionsByEpisode.load(episode.uuid),
};

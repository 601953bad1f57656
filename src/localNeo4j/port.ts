import net from "node:net";

// A refused or silent port both mean "nobody we can talk to is there"; only a completed TCP handshake
// counts as listening.
export function isPortListening(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const finish = (listening: boolean): void => {
      socket.destroy();
      resolve(listening);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once("connect", () => finish(true));
    socket.once("error", () => finish(false));
  });
}

// Asks the kernel for an unused loopback port. Another process may take it before our caller binds
// it, but ephemeral ports are handed out in rotation, so two test runs started together get different ones.
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : undefined;
      server.close(() => (port === undefined ? reject(new Error(`no port in ${JSON.stringify(address)}`)) : resolve(port)));
    });
  });
}

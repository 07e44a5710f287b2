/** A TCP port on 127.0.0.1 that nothing listens on (bound, read, released): for "unreachable" cases. */
import { createServer } from "node:net";

export async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, "127.0.0.1", ok));
  const { port } = s.address() as { port: number };
  await new Promise((ok) => s.close(ok));
  return port;
}

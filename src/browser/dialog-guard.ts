/**
 * No dialog can hold a browser: every page or frame the browser makes (a capture's page, a window a page opens, a frame
 * in it) has its dialogs answered the moment they open, by the same rule as the capture's own (beforeunload accepted,
 * the rest dismissed).
 *
 * A window opened by a page shares that page's renderer. An `alert()` in it that nobody answers stops the renderer,
 * and with it the capture of the opener (every later call into the page waits for the protocol time-out). Puppeteer
 * attaches to each new window and lets it run at once, but listens for its dialogs only when someone asks for its Page
 * object, which may be after the dialog opened. So the guard hooks the moment of attachment, before the window runs:
 * the session is announced (and the page domain enabled here) before puppeteer lets the window start. The type of
 * target is not known at that moment, so every session is guarded.
 *
 * The capture's own page records its dialogs (page-watch.ts); answering one twice is harmless (the second finds none).
 */
import type { CDPSession, Connection } from "puppeteer-core";

/** Answer every dialog of every page and frame the connection attaches to from now on. Returns the undo. */
export function guardDialogs(connection: Connection): () => void {
  const onAttached = (session: CDPSession) => {
    session.on("Page.javascriptDialogOpening", (e: { type: string }) => {
      session.send("Page.handleJavaScriptDialog", { accept: e.type === "beforeunload" }).catch(() => undefined);
    });
    // Sent before puppeteer's Runtime.runIfWaitingForDebugger (one pipe, in order): on while the window is still held.
    // A target with no page domain (a tab, a worker) answers with an error, ignored.
    session.send("Page.enable").catch(() => undefined);
  };
  connection.on("sessionattached" as never, onAttached as never);
  return () => connection.off("sessionattached" as never, onAttached as never);
}

/**
 * The fixture case through intake and the two chronology checks (issue 20): the photo the seller sent in the Instagram
 * chat on March 10, 2026 shows the investigator's own shipping label, the scene of the goods-received photo
 * 05-received-box.jpg, four days before the order. Exactly one duplicate-scene finding and one received-before-order
 * finding, both errors about that pair; the other images raise nothing. (e2e: intake checks the fixture's PDFs with qpdf.)
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCase } from "../../../src/case/index.js";
import { receivedBeforeOrderFindings } from "../../../src/consistency/chronology.js";
import { duplicateSceneFindings, imageFingerprints, nearIdenticalPairs } from "../../../src/consistency/duplicates.js";
import { dHash } from "../../../src/images/dhash.js";
import { intakeEvidence } from "../../../src/intake/index.js";
import type { EvidenceItem } from "../../../src/model/evidence.js";
import { FIXTURE_CASE } from "../../helpers/cli.js";

const CHAT_PHOTO = "evidence/kpg/06-instagram-dm/kpgboutique_17841400000000001/photos/17900000000000001.jpg";
const BOX = "evidence/kpg/03-test-buy/05-received-box.jpg";

let items: EvidenceItem[];
let timeZone: string;
const hashes = new Map<string, string>();

beforeAll(async () => {
  const loaded = await loadCase(FIXTURE_CASE);
  timeZone = loaded.config.timeZone;
  items = (await intakeEvidence(loaded)).items;
  const files = items.flatMap((it) => [it.source.path, ...(it.related ?? []).map((r) => r.path)]);
  for (const f of files.filter((f) => /\.(png|jpe?g)$/i.test(f))) hashes.set(f, await dHash(join(FIXTURE_CASE, f)));
});

describe("the fixture through intake and the chronology checks", () => {
  it("one duplicate-scene error and one received-before-order error, both about the chat photo and the received box", async () => {
    const prints = imageFingerprints(items, (f) => hashes.get(f));
    // Photos only: the two goods-received photos and the chat photo; the screenshots are not compared.
    expect(prints.map((p) => [p.file, p.kind]).sort()).toEqual([
      ["evidence/kpg/03-test-buy/04-received-shoe.jpg", "photo"],
      [BOX, "photo"],
      [CHAT_PHOTO, "chat-photo"],
    ]);
    const zone = { timeZone };
    const dup = duplicateSceneFindings(prints, zone);
    expect(dup.map((f) => [f.check, f.severity, f.defendantId, f.items.map((i) => i.file)])).toEqual([
      ["duplicate-scene", "error", "kpg", [CHAT_PHOTO, BOX]],
    ]);
    expect(dup[0]!.message).toContain("sent by KPG Boutique");
    expect(dup[0]!.message).toContain("2026-03-10 13:12:05 UTC−05:00 (America/Chicago)");
    const chrono = receivedBeforeOrderFindings(items, nearIdenticalPairs(prints), zone);
    expect(chrono.map((f) => [f.check, f.severity, f.items.map((i) => i.file ?? i.itemId)])).toEqual([
      ["received-before-order", "error", [CHAT_PHOTO, BOX, "evidence/kpg/03-test-buy/Retail.OrderHistory.1.csv"]],
    ]);
    expect(chrono[0]!.message).toContain("before order 114-7730215-6620491 was placed (2026-03-14 21:38:12 UTC−05:00");
    // Stable: the same evidence gives the same ids again.
    expect(duplicateSceneFindings(prints, zone)[0]!.id).toBe(dup[0]!.id);
    expect(receivedBeforeOrderFindings(items, nearIdenticalPairs([...prints].reverse()), zone)[0]!.id).toBe(chrono[0]!.id);
  });

  it("a consistent variant: the seller's photo sent after the goods arrived is no chronology error, only a warning", () => {
    const later = items.map((it) =>
      it.payload.type !== "conversation"
        ? it
        : {
            ...it,
            payload: {
              ...it.payload,
              conversation: {
                ...it.payload.conversation,
                messages: it.payload.conversation.messages.map((m) =>
                  m.attachments.some((a) => a.path === CHAT_PHOTO) ? { ...m, at: "2026-03-21T15:00:00Z" } : m,
                ),
              },
            },
          },
    );
    const prints = imageFingerprints(later, (f) => hashes.get(f));
    expect(receivedBeforeOrderFindings(later, nearIdenticalPairs(prints), { timeZone })).toEqual([]);
    expect(duplicateSceneFindings(prints, { timeZone }).map((f) => f.severity)).toEqual(["warning"]);
  });

  it("a consistent variant: a chat photo of another scene raises neither check", () => {
    const other = (f: string) => hashes.get(f === CHAT_PHOTO ? "evidence/kpg/01-amazon-listing.png" : f);
    const prints = imageFingerprints(items, other);
    expect(duplicateSceneFindings(prints, { timeZone })).toEqual([]);
    expect(receivedBeforeOrderFindings(items, nearIdenticalPairs(prints), { timeZone })).toEqual([]);
  });
});

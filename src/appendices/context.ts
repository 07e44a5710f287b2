/**
 * The caption every appendix carries (DOMAIN.md §2.7), from case.yaml. Court and parties are set in capitals here,
 * in text (court/caps.ts keeps "S.p.A." and "et al."), never by CSS.
 */
import type { CaseConfig } from "../model/case.js";
import { legalCaps } from "../court/index.js";

export interface CaptionView {
  court: string;
  caseNumber: string;
  judge?: string;
  magistrateJudge?: string;
  plaintiffs: string[];
  pluralPlaintiffs: boolean;
  defendants: string;
  shortTitle: string;
}

export function captionView(config: CaseConfig): CaptionView {
  const c = config.caption;
  return {
    court: legalCaps(c.court),
    caseNumber: c.caseNumber,
    judge: c.judge,
    ...(c.magistrateJudge ? { magistrateJudge: c.magistrateJudge } : {}),
    plaintiffs: c.plaintiffs.map(legalCaps),
    pluralPlaintiffs: c.plaintiffs.length > 1,
    defendants: legalCaps(c.defendants),
    shortTitle: c.shortTitle,
  };
}

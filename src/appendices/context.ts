/** The caption every appendix carries (DOMAIN.md §2.7), from case.yaml. */
import type { CaseConfig } from "../model/case.js";

export interface CaptionView {
  court: string;
  caseNumber: string;
  judge?: string;
  plaintiffs: string[];
  pluralPlaintiffs: boolean;
  defendants: string;
  shortTitle: string;
}

export function captionView(config: CaseConfig): CaptionView {
  const c = config.caption;
  return {
    court: c.court,
    caseNumber: c.caseNumber,
    judge: c.judge,
    plaintiffs: c.plaintiffs,
    pluralPlaintiffs: c.plaintiffs.length > 1,
    defendants: c.defendants,
    shortTitle: c.shortTitle,
  };
}

/**
 * The case.yaml blocks of the papers counsel signs and files: counsel's own block (signature, certificate of service),
 * the FRE 902(13)/(14) certifier, and the investigator's declaration.
 */
import { z } from "zod";
import { calendarDate } from "./damages.js";

const text = z.string().trim().min(1, "expected a non-empty text");
const place = z.strictObject({ city: text, state: text.optional(), country: text.optional() });

export const counselSchema = z.strictObject({
  name: text.optional(),
  firm: text.optional(),
  address: z.union([text.transform((a) => [a]), z.array(text)]).optional(),
  phone: text.optional(),
  email: text.optional(),
  barNumber: z.union([z.string(), z.number()]).transform(String).pipe(text).optional(),
  role: text.optional(),
  service: z
    .strictObject({
      method: text,
      date: calendarDate.optional(),
      servedOn: text.optional(),
    })
    .optional(),
});

export const certificationSchema = z.strictObject({
  certifier: z.strictObject({
    name: text,
    title: text,
    employer: text,
    qualifications: z.array(text).min(1, "expected at least one statement of training or experience"),
    recordedAs: z.array(text).optional(),
  }),
  signedAt: place.optional(),
  inUnitedStates: z.boolean().default(true),
  clockSource: text.optional(),
});

export const declarationSchema = z.strictObject({
  declarant: z
    .strictObject({
      name: text,
      title: text,
      employer: text,
      qualifications: z.array(text).min(1, "expected at least one statement of training or experience"),
    })
    .optional(),
  supports: text.max(300, "expected at most 300 characters (the paper the declaration supports)").optional(),
  signedAt: place.optional(),
  inUnitedStates: z.boolean().optional(),
});

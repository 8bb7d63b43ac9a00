/**
 * The contact form's one validation schema, shared by the page (which reads its options, limits
 * and messages) and by `POST /api/contact` (which validates with it). Messages follow the GOV.UK
 * Design System's wording patterns ("Enter your name", "Select …"), so the same text appears with
 * and without JavaScript: the server produces it in both cases.
 */
import { z } from 'zod';
import { asciiAddress } from '../forms/email-address.ts';
import type { FieldError } from '../forms/field-error.ts';
import {
  agentAnswers,
  documents,
  formats,
  privacyRequests,
  topics,
  type Choice,
  type Format,
  type PrivacyRequest,
} from './choices.ts';

/**
 * Longest accepted values, in UTF-16 code units as browsers count them (`maxlength`, `.length`).
 * Chosen so the largest valid submission fits the 32 KB body limit even when every character
 * is a 3-byte one, percent-encoded (9 bytes each): nothing a person can type is refused for size.
 */
export const limits = { name: 200, email: 254, formatOther: 500, message: 2000 } as const;

/** The largest request body the endpoint reads. */
export const maxBodyBytes = 32 * 1024;

// The answers the form offers: the page and the endpoint read them with the rest from here.
export * from './choices.ts';

/** The fields a person fills in, in page order: errors are reported in this order. */
export const fieldNames = [
  'name',
  'email',
  'topic',
  'document',
  'format',
  'formatOther',
  'request',
  'agent',
  'message',
] as const;
export type FieldName = (typeof fieldNames)[number];

/** Fields people never fill in: a honeypot hidden from everyone, and when the form was served. */
export const trapFieldNames = ['website', 'started'] as const;

/** Every error message, one place, so the page, the endpoint and the tests agree. */
export const messages = {
  name: {
    empty: 'Enter your name',
    tooLong: `Name must be ${limits.name} characters or less`,
    oneLine: 'Name must be on one line',
  },
  email: {
    empty: 'Enter your email address',
    tooLong: `Email address must be ${limits.email} characters or less`,
    format: 'Enter an email address in the correct format, like name@example.com',
  },
  topic: { missing: 'Select what your message is about' },
  document: { missing: 'Select the document you need in another format' },
  format: { missing: 'Select the format you need' },
  formatOther: {
    empty: 'Describe the format you need',
    tooLong: `Format description must be ${limits.formatOther} characters or less`,
    oneLine: 'Format description must be on one line',
  },
  request: { missing: 'Select what you would like us to do' },
  agent: { missing: 'Select yes if you are an authorized agent making this request for someone else' },
  message: {
    empty: 'Enter your message',
    tooLong: `Message must be ${limits.message.toLocaleString('en-US')} characters or less`,
  },
} as const;

// Header injection (CR/LF) and other control characters: a name, like every field that becomes a
// line of the message ("Name: …", "Format: …"), is one line of text.
// C1 controls and Unicode's line and paragraph separators too: some mail clients break lines there.
const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

function choice<T extends string>(options: readonly Choice<T>[], message: string) {
  const values = options.map((option) => option.value);
  return z.string().refine((value): value is T => (values as string[]).includes(value), message);
}

/** One schema per field; each reports its first problem only, as GOV.UK asks. */
const fieldSchemas = {
  name: z
    .string()
    .trim()
    .min(1, messages.name.empty)
    .max(limits.name, messages.name.tooLong)
    .refine((value) => !controlCharacters.test(value), messages.name.oneLine),
  email: z
    .string()
    .trim()
    .min(1, messages.email.empty)
    .max(limits.email, messages.email.tooLong)
    // International domains (`user@bücher.de`) too: checked, and sent, in their ASCII form.
    .refine((value) => asciiAddress(value) !== null, messages.email.format),
  topic: choice(topics, messages.topic.missing),
  document: choice(documents, messages.document.missing),
  format: choice(formats, messages.format.missing),
  formatOther: z
    .string()
    .trim()
    .min(1, messages.formatOther.empty)
    .max(limits.formatOther, messages.formatOther.tooLong)
    // It is a line of its own in the message: a line break would let a sender forge the lines after it.
    .refine((value) => !controlCharacters.test(value), messages.formatOther.oneLine),
  request: choice(privacyRequests, messages.request.missing),
  agent: choice(agentAnswers, messages.agent.missing),
  message: z
    .string()
    // Browsers send line breaks as CR LF but count them as one character; count as they do.
    .transform((value) => value.replace(/\r\n?/g, '\n'))
    .refine((value) => value.trim().length > 0, messages.message.empty)
    .refine((value) => value.length <= limits.message, messages.message.tooLong),
} satisfies Record<FieldName, z.ZodType>;

/** The email address rule, shared with the alerts' subscribe form (one rule, the same messages). */
export const emailSchema = fieldSchemas.email;

/** What a request is about, with the details that topic needs and nothing else. */
export type ContactAbout =
  | { readonly topic: 'policy-question' | 'something-else' }
  | {
      readonly topic: 'alternative-format';
      readonly document: string;
      readonly format: Format;
      /** The description when `format` is "other". */
      readonly formatOther: string | null;
    }
  | { readonly topic: 'privacy-request'; readonly request: PrivacyRequest; readonly authorizedAgent: boolean };

/** A valid submission, normalised (trimmed, line breaks as LF). */
export interface ContactSubmission {
  readonly name: string;
  readonly email: string;
  readonly about: ContactAbout;
  readonly message: string;
  /** The honeypot's content: anything but empty means a bot filled it in. */
  readonly honeypot: string;
  /** When the form was served, as the page signed it (checked by src/lib/forms/fill-time.ts). */
  readonly started: string;
}

const text = z.string().optional();

/** The shape of a submission: known fields only, each at most once, each text. */
export const contactShape = z
  .object({
    name: text,
    email: text,
    topic: text,
    document: text,
    format: text,
    formatOther: text,
    request: text,
    agent: text,
    message: text,
    website: text,
    started: text,
  })
  .strict();
type ContactInput = z.infer<typeof contactShape>;

/** Which fields a topic asks for, beyond name, email and message. */
function detailFields(input: ContactInput): FieldName[] {
  switch (input.topic) {
    case 'alternative-format':
      return input.format === 'other' ? ['document', 'format', 'formatOther'] : ['document', 'format'];
    case 'privacy-request':
      return ['request', 'agent'];
    default:
      return [];
  }
}

function parsed<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, value: string | undefined): T {
  return schema.parse(value ?? '');
}

function toSubmission(input: ContactInput): ContactSubmission {
  const about = ((): ContactAbout => {
    const topic = parsed(fieldSchemas.topic, input.topic);
    if (topic === 'alternative-format') {
      const format = parsed(fieldSchemas.format, input.format);
      return {
        topic,
        document: parsed(fieldSchemas.document, input.document),
        format,
        formatOther: format === 'other' ? parsed(fieldSchemas.formatOther, input.formatOther) : null,
      };
    }
    if (topic === 'privacy-request') {
      return {
        topic,
        request: parsed(fieldSchemas.request, input.request),
        authorizedAgent: input.agent === 'yes',
      };
    }
    return { topic };
  })();
  return {
    name: parsed(fieldSchemas.name, input.name),
    email: parsed(fieldSchemas.email, input.email),
    about,
    message: parsed(fieldSchemas.message, input.message),
    honeypot: input.website ?? '',
    started: input.started ?? '',
  };
}

/**
 * The contact schema: the shape (unknown fields refused), then every field the chosen topic
 * needs, each with its own message (fields of other topics are ignored), then the normalised
 * submission.
 */
export const contactSchema = contactShape
  .superRefine((input, ctx) => {
    const fields: FieldName[] = ['name', 'email', 'topic', ...detailFields(input), 'message'];
    for (const field of fields) {
      const result = fieldSchemas[field].safeParse(input[field] ?? '');
      if (!result.success) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field], message: result.error.issues[0]?.message ?? '' });
      }
    }
  })
  .transform(toSubmission);

export type Validation =
  | { readonly kind: 'valid'; readonly submission: ContactSubmission }
  /** The person can fix these: shown on the form. */
  | { readonly kind: 'invalid'; readonly errors: readonly FieldError<FieldName>[] }
  /** No browser sends this from our form (unknown fields, values that are not text). */
  | { readonly kind: 'malformed'; readonly reason: string };

function isFieldName(value: unknown): value is FieldName {
  return (fieldNames as readonly unknown[]).includes(value);
}

/** Validates a decoded submission (an object of field name → text). */
export function validateContact(input: unknown): Validation {
  const result = contactSchema.safeParse(input);
  if (result.success) return { kind: 'valid', submission: result.data };
  const errors: FieldError<FieldName>[] = [];
  for (const issue of result.error.issues) {
    const field = issue.path[0];
    if (issue.code !== z.ZodIssueCode.custom || !isFieldName(field)) {
      return {
        kind: 'malformed',
        reason:
          issue.code === z.ZodIssueCode.unrecognized_keys
            ? `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`
            : `${issue.path.join('.') || 'body'}: ${issue.message}`,
      };
    }
    errors.push({ field, message: issue.message });
  }
  errors.sort((a, b) => fieldNames.indexOf(a.field) - fieldNames.indexOf(b.field));
  return { kind: 'invalid', errors };
}

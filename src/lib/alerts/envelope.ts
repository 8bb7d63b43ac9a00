/**
 * Who a stored message is delivered to. The contact form's messages always go to the support
 * address, whatever they say (nothing a sender types can change it). Alert and confirmation
 * messages carry `X-AllWork-Alert` and go to their `To` address. A contact message cannot
 * carry that header: the only header holding a sender's text is Reply-To, stripped of line
 * breaks twice (schema and `headerSafe`).
 */

/** The header that marks an alert or a confirmation. */
export const alertHeader = 'X-AllWork-Alert';

/** The header block of a raw message, folded lines joined. */
function headerLines(raw: Buffer): string[] {
  const text = raw.subarray(0, 64 * 1024).toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  return (end < 0 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/);
}

/** The envelope recipient of a stored message: its `To` when it is an alert, else `supportEmail`. */
export function envelopeRecipient(raw: Buffer, supportEmail: string): string {
  const lines = headerLines(raw);
  const isAlert = lines.some((line) => line.toLowerCase().startsWith(`${alertHeader.toLowerCase()}:`));
  if (!isAlert) return supportEmail;
  const to = lines.find((line) => /^to:/i.test(line));
  const address = to ? /<([^<>\s]+@[^<>\s]+)>|([^\s<>:,]+@[^\s<>,]+)/.exec(to.slice(3)) : null;
  const recipient = address?.[1] ?? address?.[2];
  if (!recipient) throw Object.assign(new Error('an alert message without a To address'), { code: 'ENOTO' });
  return recipient;
}

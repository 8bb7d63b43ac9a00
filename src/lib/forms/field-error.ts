/**
 * A problem with one form field, as every form of the site reports it (the contact form, the
 * compare page's forms): the field, and a message that says what to do (GOV.UK error messages).
 * The server and the browser build the same errors, so a form says the same with and without
 * JavaScript.
 */

/** `Field` names the fields of one form, so a message can only belong to a field it has. */
export interface FieldError<Field extends string = string> {
  readonly field: Field;
  readonly message: string;
}

/** An error as the error summary lists it: the message, linking to the control to fix. */
export interface ErrorLink<Field extends string = string> extends FieldError<Field> {
  /** `#` and the id of the control the link moves focus to. */
  readonly href: string;
}

/**
 * Errors in the order given, each linking to its control. `anchor` gives the control's id for a
 * field; by default it is the field's name (a radio group's is its first option, GOV.UK).
 */
export function errorLinks<Field extends string>(
  errors: readonly FieldError<Field>[],
  anchor: (field: Field) => string = (field) => field,
): ErrorLink<Field>[] {
  return errors.map((error) => ({ field: error.field, message: error.message, href: `#${anchor(error.field)}` }));
}

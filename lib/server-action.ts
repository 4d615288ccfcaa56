import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { AtomError, AtomSystemError } from "@/lib/atom";
import { isDomainError } from "@/lib/domain-error";
import { errorFields, log } from "@/lib/log";
import { withRequestLogContext } from "@/lib/log-context";

/**
 * What every server action answers, for its form's aria-live region: an `error` or a
 * `message`, errors beside named form fields, and what was typed to refill the form.
 * `Extra` carries what one action adds (a refund's status, a checkout's launch data).
 */
export type ActionState<Field extends string = never, Extra extends object = object> = {
  error?: string;
  message?: string;
  fieldErrors?: Partial<Record<Field, string>>;
  /** What the person typed, to refill the form after an error (never a password). */
  values?: Partial<Record<Field, string>>;
} & Extra;

/** How one action's form is read and how its failures are told. */
export interface ActionForm<Field extends string = never> {
  /** Names the action in the log ("refund this order"). */
  name: string;
  /** Form fields that show their own errors; a field missing from the form is read as empty text. */
  fields?: readonly Field[];
  /** Parsed-input paths that belong to a form field under another name (amountPaise → amount). */
  fieldOfPath?: Readonly<Record<string, Field>>;
  /** Fields whose typed text comes back with an error, to refill the form. */
  refill?: readonly Field[];
  /** Said above the fields when the only problems are field errors. */
  fieldsInvalid?: string;
  /** Said when something unexpected failed (the failure itself is logged). */
  tryAgain: string;
}

/**
 * The one way to write a server action: read the FormData, validate it with `schema`, run
 * `work` with the parsed input, and turn whatever it throws into state. The refill values
 * go with every answer that carries an error.
 */
export async function runAction<Schema extends z.ZodType, Field extends string = never, Extra extends object = object>(
  formData: FormData,
  form: ActionForm<Field> & { schema: Schema },
  work: (input: z.output<Schema>) => Promise<ActionState<Field, Extra>>,
): Promise<ActionState<Field, Extra>> {
  // Everything the action logs carries its request's id (proxy.ts put it on the headers).
  return withRequestLogContext(await requestHeaders(), async () => {
    const text = formText(formData, form.fields ?? []);
    let state: ActionState<Field, Extra>;
    try {
      state = await work(await form.schema.parseAsync(text));
    } catch (error) {
      // Next's redirect() and notFound() are thrown too: they are not failures.
      unstable_rethrow(error);
      state = stateForError(error, form) as ActionState<Field, Extra>;
    }
    return withRefill(state, text, form.refill ?? []);
  });
}

/** The action's request headers; none where it is called outside a request (unit tests). */
async function requestHeaders(): Promise<Pick<Headers, "get">> {
  try {
    return await headers();
  } catch {
    return new Headers();
  }
}

/** Every text entry of the form; the listed fields as "" when absent. */
export function formText(formData: FormData, fields: readonly string[]): Record<string, string> {
  const text: Record<string, string> = {};
  // The first value of a name, as FormData.get reads it.
  for (const [name, value] of formData) if (typeof value === "string" && !Object.hasOwn(text, name)) text[name] = value;
  for (const field of fields) text[field] ??= "";
  return text;
}

function withRefill<Field extends string, Extra extends object>(
  state: ActionState<Field, Extra>,
  text: Record<string, string>,
  refill: readonly Field[],
): ActionState<Field, Extra> {
  if (
    refill.length === 0 ||
    state.values !== undefined ||
    (state.error === undefined && state.fieldErrors === undefined)
  )
    return state;
  const values: Partial<Record<Field, string>> = {};
  for (const field of refill) values[field] = text[field] ?? "";
  return { ...state, values };
}

/**
 * What the person is told when an action's work throws: the form's own problems beside
 * their fields, a refusal of the shop's rules as it is, the gateway's trouble in words
 * an admin can act on, and anything else logged and answered with a plain "try again".
 */
export function stateForError<Field extends string>(error: unknown, form: ActionForm<Field>): ActionState<Field> {
  if (error instanceof z.ZodError) return stateForIssues(error.issues, form);
  if (isDomainError(error)) {
    const field = fieldOf(error.field, form);
    return field === undefined
      ? { error: error.message }
      : { fieldErrors: { [field]: error.message } as Partial<Record<Field, string>> };
  }
  if (error instanceof AtomSystemError) return { error: "The gateway did not answer. Try again in a few minutes." };
  if (error instanceof AtomError) {
    log.error(
      { action: form.name, gatewayCode: error.gatewayCode, ...errorFields(error) },
      "server action refused by the gateway",
    );
    return { error: `The gateway refused the request: ${error.message}` };
  }
  log.error({ action: form.name, ...errorFields(error) }, "server action failed");
  return { error: form.tryAgain };
}

/**
 * Validation problems: each beside its field (the first one per field), unless one
 * belongs to no field the person can fix (a hidden id): then its message alone.
 */
function stateForIssues<Field extends string>(
  issues: readonly z.core.$ZodIssue[],
  form: ActionForm<Field>,
): ActionState<Field> {
  const fieldErrors: Partial<Record<Field, string>> = {};
  for (const issue of issues) {
    const field = fieldOf(issue.path[0], form);
    if (field === undefined) return { error: issue.message };
    fieldErrors[field] ??= issue.message;
  }
  return form.fieldsInvalid === undefined ? { fieldErrors } : { error: form.fieldsInvalid, fieldErrors };
}

function fieldOf<Field extends string>(path: PropertyKey | undefined, form: ActionForm<Field>): Field | undefined {
  if (typeof path !== "string") return undefined;
  const field = form.fieldOfPath?.[path] ?? path;
  return form.fields?.find((candidate) => candidate === field);
}

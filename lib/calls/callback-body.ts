/** How much of a cut-off body is kept: enough to see which callback it was. */
const KEPT_PARTIAL_CHARS = 2_000;

const CUT_OFF_NOTE = /… \[cut off after (\d+) of (\d+|an unknown number of) bytes\]$/;

/** What arrived of a callback's body, and how many bytes its sender declared (null: none declared). */
export type ArrivedBody = { text: string; bytes: number; declaredBytes: number | null; brokenOff: boolean };

/** Why a delivery carries nothing to record, with the row to keep for diagnosis; null for a whole body. */
export type BodyProblem = { detail: string; keptBody: string };

/**
 * A body that is empty, or that stopped before its declared length (or before its sender finished), is not
 * a callback: it is a delivery that failed on the way, which MobilePay sends again.
 */
export function callbackBodyProblem(body: ArrivedBody): BodyProblem | null {
  const short = body.declaredBytes !== null && body.bytes < body.declaredBytes;
  if (body.brokenOff || short) {
    const of = body.declaredBytes === null ? "an unknown number of" : String(body.declaredBytes);
    return {
      detail: `The delivery was cut off after ${body.bytes} of ${of} bytes; MobilePay delivers it again.`,
      keptBody: `${body.text.slice(0, KEPT_PARTIAL_CHARS)}… [cut off after ${body.bytes} of ${of} bytes]`,
    };
  }
  if (body.text.trim() === "") {
    return { detail: "The delivery had an empty body: nothing to record.", keptBody: "" };
  }
  return null;
}

/** A one-line summary for a stored body that is not a callback's content; null when it may be one. */
export function summarizeFailedDelivery(storedBody: string): string | null {
  if (storedBody.trim() === "") return "Empty body";
  const cut = CUT_OFF_NOTE.exec(storedBody);
  if (cut) return `Cut off after ${cut[1]} of ${cut[2]} bytes`;
  return null;
}

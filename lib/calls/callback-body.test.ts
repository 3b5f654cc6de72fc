import { describe, expect, it } from "vitest";

import { callbackBodyProblem, summarizeFailedDelivery } from "./callback-body";

const whole = '[{"InvoiceId":"i-1","Status":"Paid"}]';

describe("a callback body that is not a callback", () => {
  it("accepts a whole body, declared or chunked", () => {
    expect(callbackBodyProblem({ text: whole, bytes: 37, declaredBytes: 37, brokenOff: false })).toBeNull();
    expect(callbackBodyProblem({ text: whole, bytes: 37, declaredBytes: null, brokenOff: false })).toBeNull();
  });

  it("calls an empty body what it is", () => {
    for (const text of ["", "  \n"]) {
      const problem = callbackBodyProblem({ text, bytes: text.length, declaredBytes: text.length, brokenOff: false });
      expect(problem?.detail).toBe("The delivery had an empty body: nothing to record.");
      expect(summarizeFailedDelivery(problem!.keptBody)).toBe("Empty body");
    }
  });

  it("calls a body shorter than declared, or broken off by its sender, cut off", () => {
    const short = callbackBodyProblem({ text: '[{"InvoiceId":', bytes: 14, declaredBytes: 37, brokenOff: false });
    expect(short?.detail).toBe("The delivery was cut off after 14 of 37 bytes; MobilePay delivers it again.");
    expect(short?.keptBody).toBe('[{"InvoiceId":… [cut off after 14 of 37 bytes]');
    expect(summarizeFailedDelivery(short!.keptBody)).toBe("Cut off after 14 of 37 bytes");

    const broken = callbackBodyProblem({ text: "[", bytes: 1, declaredBytes: null, brokenOff: true });
    expect(broken?.detail).toContain("cut off after 1 of an unknown number of bytes");
    expect(summarizeFailedDelivery(broken!.keptBody)).toBe("Cut off after 1 of an unknown number of bytes");
  });

  it("leaves a body that may be a callback to the usual summary", () => {
    expect(summarizeFailedDelivery(whole)).toBeNull();
    expect(summarizeFailedDelivery("not json")).toBeNull();
  });
});

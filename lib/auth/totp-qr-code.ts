import "server-only";

import QRCode from "qrcode";

/** The enrolment URI as an SVG data URL: drawn on the server, so no script or remote image is needed. */
export async function totpQrCodeDataUrl(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}

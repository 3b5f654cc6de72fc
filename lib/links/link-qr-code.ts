import "server-only";

import QRCode from "qrcode";

/**
 * A consent link as a QR code, drawn on the server as SVG markup (paths and attributes only, no scripts or style
 * attributes), so the page shows it without loosening its content security policy. Medium error correction
 * keeps the code readable from a phone held at a screen.
 */
export function linkQrSvg(url: string): Promise<string> {
  return QRCode.toString(url, {
    type: "svg",
    errorCorrectionLevel: "M",
    margin: 2,
    color: { dark: "#0f172a", light: "#ffffff" },
  });
}

import { LocalTime } from "@/components/ui/local-time";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import type { MaskedToken } from "@/lib/inspection/mask-token";
import { TOKEN_KIND_LABELS } from "@/lib/inspection/token-kinds";

function Time({ iso }: { iso: string | null }) {
  return iso ? <LocalTime iso={iso} /> : <span className="text-slate-400">—</span>;
}

/** The stored tokens as staff may see them: shape and fingerprint, never the value. */
export function MaskedTokens({ tokens }: { tokens: MaskedToken[] }) {
  return (
    <Table label="Stored tokens">
      <thead>
        <tr>
          <Th>Token</Th>
          <Th>Type</Th>
          <Th>Length</Th>
          <Th>Fingerprint</Th>
          <Th>Ends with</Th>
          <Th>Issued</Th>
          <Th>Expires</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {tokens.map((token) => (
          <tr key={token.kind} data-token-kind={token.kind}>
            <Th scope="row" className="bg-white text-left normal-case">
              {TOKEN_KIND_LABELS[token.kind]}
            </Th>
            {token.status === "stored" ? (
              <>
                <Td>{token.format}</Td>
                <Td>{token.length}</Td>
                <Td className="font-mono text-xs">{token.fingerprint}</Td>
                <Td className="font-mono text-xs">…{token.lastFour}</Td>
                <Td>
                  <Time iso={token.issuedAt} />
                </Td>
                <Td>
                  {token.kind === "refresh" && token.expiresAt === null ? (
                    <span className="text-slate-600">13 months after last use (sliding)</span>
                  ) : (
                    <Time iso={token.expiresAt} />
                  )}
                </Td>
              </>
            ) : (
              <Td colSpan={6}>
                {token.status === "undecodable" ? (
                  <span className="text-red-700">
                    <Badge tone="danger">cannot decode</Badge> {token.reason}
                  </span>
                ) : (
                  <span className="text-slate-500">{token.reason}</span>
                )}
              </Td>
            )}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

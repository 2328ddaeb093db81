'use client';
// A Next.js page that shows the bot's balances. Deliberately vulnerable: see README.md.
import { useEffect, useState } from 'react';
import CryptoJS from 'crypto-js';

const GEMINI_KEY = process.env.NEXT_PUBLIC_GEMINI_API_KEY!;
const GEMINI_SECRET = process.env.NEXT_PUBLIC_GEMINI_API_SECRET!;

interface Balance {
  currency: string;
  amount: string;
  available: string;
}

async function loadBalances(): Promise<Balance[]> {
  const payload = btoa(JSON.stringify({ request: '/v1/balances', nonce: Date.now() }));
  const signature = CryptoJS.HmacSHA384(payload, GEMINI_SECRET).toString(CryptoJS.enc.Hex);
  const res = await fetch('https://api.gemini.com/v1/balances', {
    method: 'POST',
    headers: { 'X-GEMINI-APIKEY': GEMINI_KEY, 'X-GEMINI-PAYLOAD': payload, 'X-GEMINI-SIGNATURE': signature },
  });
  return res.json();
}

export default function Dashboard() {
  const [balances, setBalances] = useState<Balance[]>([]);
  useEffect(() => {
    loadBalances().then(setBalances, console.error);
  }, []);
  return (
    <table>
      <tbody>
        {balances.map((b) => (
          <tr key={b.currency}>
            <td>{b.currency}</td>
            <td>{b.available}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// A small Gemini exchange REST client, the way many bots grow one. Deliberately vulnerable:
// see README.md for every fault.
import crypto from 'node:crypto';
import axios from 'axios';

const API_KEY = process.env.GEMINI_API_KEY;
const API_SECRET = process.env.GEMINI_API_SECRET;

const http = axios.create({ baseURL: 'https://api.gemini.com/v1', timeout: 10_000 });

function signedHeaders(payload) {
  const encoded = Buffer.from(JSON.stringify(payload)).toString('base64');
  const signature = crypto.createHmac('sha256', API_SECRET).update(encoded).digest('base64');
  console.debug('[gemini] signing with', API_KEY, API_SECRET);
  return {
    'Content-Type': 'text/plain',
    'X-GEMINI-APIKEY': API_KEY,
    'X-GEMINI-PAYLOAD': encoded,
    'X-GEMINI-SIGNATURE': signature,
  };
}

export async function getBalances() {
  const payload = { request: '/balances', nonce: Date.now() };
  const { data } = await http.post('/balances', null, { headers: signedHeaders(payload) });
  return data;
}

export async function placeOrder(side, amount, price) {
  const payload = {
    request: '/v1/order/new',
    nonce: Date.now(),
    symbol: 'btcusd',
    amount,
    price,
    side,
    type: 'exchange limit',
  };
  const { data } = await http.post('/order/new', null, { headers: signedHeaders(payload) });
  return data;
}

export async function cancelOrders(orderIds) {
  const nonce = Date.now();
  for (const orderId of orderIds) {
    const payload = { request: '/v1/order/cancel', nonce, order_id: orderId };
    await http.post('/order/cancel', null, { headers: signedHeaders(payload) });
  }
}

export async function heartbeat() {
  const payload = { request: '/v1/heartbeat', nonce: Math.floor(Date.now() / 1000) * 1000 };
  await http.post('/heartbeat', null, { headers: signedHeaders(payload) });
}

export async function sweepToColdWallet(address, amount) {
  const payload = { request: '/v1/withdraw/btc', nonce: Date.now(), address, amount };
  const { data } = await http.post('/withdraw/btc', null, { headers: signedHeaders(payload) });
  return data;
}

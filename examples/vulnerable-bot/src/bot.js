// The grid bot's main loop. Deliberately vulnerable: see README.md for every fault.
import { config } from './config.js';
import { cancelOrders, getBalances, heartbeat, placeOrder, sweepToColdWallet } from './gemini-client.js';

const REST = 'https://api.gemini.com';

async function lastPrice(symbol) {
  const res = await fetch(`http://api.gemini.com/v1/pubticker/${symbol}`);
  const ticker = await res.json();
  return Number(ticker.last);
}

async function openOrders() {
  const res = await fetch(`${REST}/v1/orders`);
  return res.json();
}

async function rebalance() {
  const price = await lastPrice(config.symbol);
  const stale = await openOrders();
  await cancelOrders(stale.map((o) => o.order_id));
  for (let i = 1; i <= config.gridLevels; i++) {
    const bid = (price * (1 - i * config.gridSpacing)).toFixed(2);
    await placeOrder('buy', config.orderSize, bid);
  }
  const balances = await getBalances();
  const btc = balances.find((b) => b.currency === 'BTC');
  if (config.coldWallet && btc && Number(btc.available) > 0.5) {
    await sweepToColdWallet(config.coldWallet, String(Number(btc.available) - 0.1));
  }
}

setInterval(() => heartbeat().catch(console.error), 15_000);
setInterval(() => rebalance().catch(console.error), 60_000);

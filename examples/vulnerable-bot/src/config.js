// Settings for the grid bot. This example is deliberately vulnerable: see README.md for every fault.
// The key and secret below are fake demo values in Gemini's format; they open no account.
export const config = {
  apiKey: process.env.GEMINI_API_KEY ?? 'account-DEMO0FAKE0KEY0000001',
  apiSecret: process.env.GEMINI_API_SECRET ?? 'fAk3D3m0sEcR3tZq8Wx2Yv5Ub7',
  symbol: 'btcusd',
  gridLevels: 5,
  gridSpacing: 0.004,
  orderSize: '0.0005',
  coldWallet: process.env.COLD_WALLET_ADDRESS,
};

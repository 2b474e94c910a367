import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The built UI is served by `returndesk serve` (same origin as /api) and embedded by the
// Tauri shell (frontendDist: ../ui/dist). In `npm run dev`, /api goes to a real
// `returndesk serve` on RETURNDESK_API (default its port, :8787; `scripts/e2e.sh --shell`
// starts one on a seeded test database and prints its address). The server takes writes only
// from its own origin (docs/security.md), so the proxy names the API's origin, not :5173.
const api = process.env.RETURNDESK_API ?? 'http://127.0.0.1:8787';
export default defineConfig({
  plugins: [svelte()],
  base: './',
  clearScreen: false,
  server: {
    port: 5173,
    strictPort: true,
    proxy: { '/api': { target: api, changeOrigin: true, headers: { origin: new URL(api).origin } } },
  },
  build: { outDir: 'dist', target: 'es2022', sourcemap: false, emptyOutDir: true },
});

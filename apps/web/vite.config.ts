import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// In dev, Vite serves the dashboard and forwards the API; in production the API serves dist/.
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      "/api": process.env.API_URL ?? "http://127.0.0.1:3000",
      "/health": process.env.API_URL ?? "http://127.0.0.1:3000",
    },
  },
  build: { outDir: "dist", sourcemap: false, chunkSizeWarningLimit: 900 },
});

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { registerSW } from 'virtual:pwa-register';
import './ui/styles.css';

// Precache the app so it opens with the network off after one visit (a no-op in the single file).
registerSW({ immediate: true });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

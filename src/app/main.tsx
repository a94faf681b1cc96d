import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectToHost } from './classroom/host-bridge';
import { enableOffline } from './classroom/offline';
import { start } from './controller';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
connectToHost();
void start(window.location.search);
enableOffline();

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectToHost } from '../embed/host-bridge';
import { App } from './App';
import { enableOffline } from './classroom/offline';
import { lab, startPage } from './page';
import { appStore } from './store';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
connectToHost(appStore, (command) => lab.execute(command));
void startPage();
enableOffline();

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectToHost } from '../embed/host-bridge';
import { App } from './App';
import { enableOffline } from './classroom/offline';
import { lab, startPage } from './page';
import { appStore } from './store';
import './styles.css';

connectToHost(appStore, (command) => lab.execute(command));
void startPage();
// The first paint waits for the gallery's small index, so that no leaf arrives to push the page down.
void lab.galleryReady.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
enableOffline();

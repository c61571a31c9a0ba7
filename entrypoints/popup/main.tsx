import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '../../components/popup/App';
import { takeEarlyState } from './early';
import { markSurface } from './surface';
import '../../assets/ui.css';

markSurface();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App firstState={takeEarlyState()} />
  </StrictMode>,
);

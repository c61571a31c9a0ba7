import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '../../components/popup/App';
import { takeEarlyState } from './early';
import '../../assets/ui.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App firstState={takeEarlyState()} />
  </StrictMode>,
);

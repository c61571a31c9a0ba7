import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '../../components/popup/App';
import '../../assets/ui.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

import React from 'react';
import { createRoot } from 'react-dom/client';

function App() {
  return <div>Safetynet</div>;
}

createRoot(document.getElementById('root')!).render(<App />);

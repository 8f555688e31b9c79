// The demo build's entry (vite.config.ts puts it in index.html in place of src/main.tsx). It holds no React:
// it starts the demo's API worker at once, which then generates or reads its data while React and the console
// download, and applies the stored theme before the first paint. Then the console's own entry runs.
import { demoApiConnection } from './demo/api-connection';
import './app/theme-choice';
import './index.css';

demoApiConnection();
void import('./main');

import { render } from 'preact';
import './styles.css';
import { App } from './App';

document.documentElement.lang = localStorage.getItem('siak.lang') === 'en' ? 'en' : 'id';
const root = document.getElementById('app')!;
root.textContent = ''; // the "Memuat…" placeholder shown while the script loads
render(<App />, root);

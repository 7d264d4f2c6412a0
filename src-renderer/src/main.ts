import { mount } from 'svelte';
import App from './App.svelte';
import './styles/global.css';
import { connectBridge } from './lib/bridge.ts';
import { I18n } from './lib/i18n/i18n.svelte.ts';
import { AppState } from './lib/state/app-state.svelte.ts';

const target = document.getElementById('app');
if (!target) throw new Error('index.html lost its #app element');

const i18n = new I18n();
const bridge = await connectBridge();
const state = new AppState(bridge);
mount(App, { target, props: { state, i18n } });
void state.refresh();

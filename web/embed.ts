/**
 * The one script a host page includes:
 *
 *   <script src="/sagasu/sagasu.js" defer></script>
 *   <sagasu-search></sagasu-search>
 *
 * It registers the <sagasu-search> custom element (shadow root, adopted stylesheet), which runs
 * the search in `sagasu-worker.js` from the same folder. It never throws into the host page:
 * failures become a message in the box and one console.error.
 *
 * Attributes: index (folder of manifest.json; default: this script's folder), mode
 * (inline | modal | page), placeholder, strings (JSON overrides of the UI text), autofocus,
 * search-page (URL of the standalone search page; default: this script's folder).
 */
import { h, render } from 'preact';
import { createClient, type SearchClient } from './client.ts';
import { EMBED_FILE, SEARCH_FOLDER, WORKER_FILE } from './core/format.ts';
import { SearchBox, type Mode } from './ui/search-box.tsx';
import { mergeStrings } from './ui/strings.ts';
import { STYLES } from './ui/styles.ts';

defineElement();

function defineElement(): void {
  // Captured now: currentScript is only set while this script first runs.
  const script = document.currentScript as HTMLScriptElement | null;
  const scriptUrl = script?.src || new URL(`/${SEARCH_FOLDER}/${EMBED_FILE}`, document.baseURI).href;
  const clients = new Map<string, SearchClient>();
  let sheet: CSSStyleSheet | undefined;
  let reported = false;

  class SagasuSearch extends HTMLElement {
    static observedAttributes = ['index', 'mode', 'placeholder', 'strings', 'search-page'];
    private root: ShadowRoot | undefined;

    connectedCallback(): void {
      try {
        if (!this.root) {
          this.root = this.attachShadow({ mode: 'open' });
          adoptStyles(this.root);
        }
        this.update();
      } catch (error) {
        report(`could not start (${(error as Error).message})`);
      }
    }

    disconnectedCallback(): void {
      if (this.root) render(null, this.root);
    }

    attributeChangedCallback(): void {
      if (this.root && this.isConnected) this.update();
    }

    private update(): void {
      const base = new URL(withSlash(this.getAttribute('index') ?? './'), scriptUrl).href;
      let client = clients.get(base);
      if (!client) clients.set(base, (client = retrying(() => createClient(new URL(WORKER_FILE, scriptUrl).href, base))));
      const mode = parseMode(this.getAttribute('mode'));
      // The search page needs the index at once: start loading before the first render.
      if (mode === 'page' || this.hasAttribute('autofocus')) void client.load().catch(() => undefined);
      const strings = mergeStrings(parseJson(this.getAttribute('strings')));
      const placeholder = this.getAttribute('placeholder');
      if (placeholder) strings.placeholder = placeholder;
      render(
        h(SearchBox, {
          client,
          mode,
          strings,
          autofocus: this.hasAttribute('autofocus'),
          syncUrl: mode === 'page',
          searchPage: new URL(this.getAttribute('search-page') ?? './', scriptUrl).href,
          onError: (error: Error) => report(`${base}: ${error.message}`),
        }),
        this.root as ShadowRoot,
      );
    }
  }

  function adoptStyles(root: ShadowRoot): void {
    try {
      if (!sheet) { sheet = new CSSStyleSheet(); sheet.replaceSync(STYLES); }
      root.adoptedStyleSheets = [sheet];
    } catch {
      // Browsers without constructable stylesheets get a <style> (blocked only by a strict CSP).
      const style = document.createElement('style');
      style.textContent = STYLES;
      root.append(style);
    }
  }

  function report(message: string): void {
    if (reported) return;
    reported = true;
    console.error(`sagasu: ${message}`);
  }

  if (!customElements.get('sagasu-search')) customElements.define('sagasu-search', SagasuSearch);
}

/**
 * A client that starts over after a failed load, so the next keystroke retries (a client
 * remembers its failed load; a fresh one fetches again).
 */
function retrying(make: () => SearchClient): SearchClient {
  let current = make();
  const fresh = (error: unknown): never => { current = make(); throw error; };
  return {
    load: () => current.load().catch(fresh),
    search: (query, options) => {
      // The search itself does not wait for the load (see createWorkerClient); a failed load
      // still makes the next search start over.
      const client = current;
      client.load().catch(() => { if (current === client) current = make(); });
      return client.search(query, options);
    },
  };
}

function parseMode(value: string | null): Mode {
  return value === 'modal' || value === 'page' ? value : 'inline';
}

function parseJson(value: string | null): unknown {
  if (!value) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

function withSlash(path: string): string {
  return path.endsWith('/') ? path : `${path}/`;
}

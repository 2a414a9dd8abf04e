// The settings shell: navigation, the current panel, the storage banner and the live region.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { connectAppStore, useAppStore } from './app-store';
import { useAnnouncer } from './announcer';
import { sectionFromHash, sections, type SectionId } from './sections';
import { IncidentNotice } from './IncidentNotice';
import { StatusBadge } from './StatusBadge';
import { ShortcutSheet } from '../keyboard/ShortcutSheet';
import { StorageConsent } from '../panels/keys/StorageConsent';
import { useKeyboardStore } from '../keyboard/keyboard-store';
import { useGlobalShortcuts } from '../keyboard/use-global-shortcuts';

function useSection(): [SectionId, (id: SectionId) => void] {
  const [section, setSection] = useState<SectionId>(() => sectionFromHash(window.location.hash));
  useEffect(() => {
    const onHash = () => setSection(sectionFromHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return [section, (id) => (window.location.hash = `#/${id}`)];
}

function LiveRegion() {
  const { message, serial } = useAnnouncer();
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      <span key={serial}>{message}</span>
    </div>
  );
}

function StorageBanner() {
  const info = useAppStore((state) => state.info);
  const error = useAppStore((state) => state.error);
  if (error) return <div className="banner banner-danger" role="alert">{error}</div>;
  if (!info) return null;
  const notices = info.incidents.map((incident) => <IncidentNotice key={incident.setAsideAs} incident={incident} dataDir={info.dataDir} />);
  const storage =
    info.storage.note && (info.storage.weaker || !info.storage.available) ? (
      <div className={`banner ${info.storage.available ? 'banner-warning' : 'banner-danger'}`} role="note">
        <strong>{info.storage.available ? 'Weaker key storage. ' : 'Keys cannot be stored yet. '}</strong>
        {info.storage.note}
        {/* Linux basic_text needs consent (DESIGN.md "Storage"): given, it can be taken back here too. */}
        {info.storage.weaker && info.storage.cipher.endsWith(':basic_text') && <StorageConsent given={info.storage.available} />}
      </div>
    ) : null;
  return (
    <>
      {storage}
      {notices}
    </>
  );
}

export function App() {
  const [section, go] = useSection();
  const mainRef = useRef<HTMLElement>(null);
  const navRefs = useRef<Map<SectionId, HTMLAnchorElement>>(new Map());
  const info = useAppStore((state) => state.info);

  useEffect(connectAppStore, []);
  useGlobalShortcuts(useCallback(() => go('keys'), []));

  // Arrow keys move between sections inside the navigation, like a tab strip; Tab leaves it.
  const onNavKey = (event: KeyboardEvent<HTMLElement>) => {
    const index = sections.findIndex((s) => s.id === section);
    const next =
      event.key === 'ArrowDown' ? (index + 1) % sections.length
      : event.key === 'ArrowUp' ? (index - 1 + sections.length) % sections.length
      : event.key === 'Home' ? 0
      : event.key === 'End' ? sections.length - 1
      : -1;
    if (next < 0) return;
    event.preventDefault();
    const target = sections[next]!;
    go(target.id);
    navRefs.current.get(target.id)?.focus();
  };

  // Alt+1..4 jumps to a section from anywhere.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const target = sections[Number(event.key) - 1];
      if (!target) return;
      event.preventDefault();
      go(target.id);
      navRefs.current.get(target.id)?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const current = sections.find((s) => s.id === section)!;
  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={(event) => { event.preventDefault(); mainRef.current?.focus(); }}>
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="brand" aria-hidden="true">
          <span className="brand-mark">N</span> NOME Settings
        </div>
        <nav aria-label="Settings sections" onKeyDown={onNavKey}>
          <ul>
            {sections.map((s, index) => (
              <li key={s.id}>
                <a
                  ref={(element) => {
                    if (element) navRefs.current.set(s.id, element);
                  }}
                  href={`#/${s.id}`}
                  aria-current={s.id === section ? 'page' : undefined}
                  aria-keyshortcuts={`Alt+${index + 1}`}
                >
                  <span className="nav-title">{s.title}</span>
                  <span className="nav-blurb">{s.blurb}</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <button type="button" className="shortcut-button" onClick={() => useKeyboardStore.getState().setSheetOpen(true)} aria-keyshortcuts="Shift+?">
          Keyboard shortcuts <kbd>?</kbd>
        </button>
        {info && (
          <p className="sidebar-foot muted">
            v{info.version} · {info.host === 'electron' ? 'desktop' : info.host}
            {info.demo ? ' · demo data' : ''}
          </p>
        )}
      </aside>
      <main id="main" ref={mainRef} tabIndex={-1} aria-label={current.title}>
        <StatusBadge />
        <StorageBanner />
        <current.Panel />
      </main>
      <LiveRegion />
      <ShortcutSheet />
    </div>
  );
}

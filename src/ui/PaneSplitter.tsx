import type { KeyboardEvent, PointerEvent } from 'react';

export const LIST_WIDTH = { min: 320, max: 900, initial: 480, step: 24 } as const;

/**
 * The handle between the incident list and the report: drag it, or focus it and press the arrow
 * keys (moving the handle is what it is for), Home/End for the narrowest/widest list.
 */
export function PaneSplitter({ width, onWidth }: { width: number; onWidth: (width: number) => void }) {
  const clamp = (w: number) => Math.round(Math.max(LIST_WIDTH.min, Math.min(LIST_WIDTH.max, w)));
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const handle = event.currentTarget;
    const startX = event.clientX;
    const startWidth = width;
    handle.setPointerCapture(event.pointerId);
    const move = (e: globalThis.PointerEvent) => onWidth(clamp(startWidth + e.clientX - startX));
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', up);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next =
      event.key === 'ArrowLeft' ? width - LIST_WIDTH.step
      : event.key === 'ArrowRight' ? width + LIST_WIDTH.step
      : event.key === 'Home' ? LIST_WIDTH.min
      : event.key === 'End' ? LIST_WIDTH.max
      : null;
    if (next === null) return;
    event.preventDefault();
    onWidth(clamp(next));
  };
  return (
    <div
      className="pane-splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the incident list"
      aria-controls="incident-list-pane"
      aria-valuemin={LIST_WIDTH.min}
      aria-valuemax={LIST_WIDTH.max}
      aria-valuenow={width}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}

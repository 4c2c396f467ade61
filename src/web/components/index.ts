/** The web app's NL Design System components (utrecht-* classes), one import for pages. */
export * from './text.tsx';
export * from './feedback.tsx';
export * from './button.tsx';
export * from './form.tsx';
export * from './table.tsx';

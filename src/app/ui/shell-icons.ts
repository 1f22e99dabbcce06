/** The pictograms of the app's shell and its first screens, drawn from the first render. */
export const SHELL_ICONS = {
  meetings: ['M4 6h16v14H4z', 'M4 10h16', 'M8 3v5', 'M16 3v5', 'M8 14h3', 'M13 14h3', 'M8 17h3'],
  elections: ['M3 12h18v8H3z', 'M7 12V4h10v8', 'M9.5 8l2 2 3.5-4'],
  workshops: [
    'M9 18h6',
    'M10 21h4',
    'M12 3a6 6 0 0 0-3.6 10.8c.7.6 1.1 1.3 1.1 2.2h5c0-.9.4-1.6 1.1-2.2A6 6 0 0 0 12 3z',
  ],
  me: ['M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8z', 'M4 21a8 8 0 0 1 16 0'],
  settings: ['M4 7h9', 'M17 7h3', 'M15 5v4', 'M4 17h3', 'M11 17h9', 'M9 15v4'],
  help: [
    'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z',
    'M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6v.6',
    'M12 17h.01',
  ],
  accessibility: ['M12 6a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3z', 'M5 8.5l7 1.5 7-1.5', 'M12 10v5l-3 6', 'M12 15l3 6'],
  offline: ['M3 3l18 18', 'M8.5 8.6A5 5 0 0 0 6.5 18H17', 'M10.5 6.2A6 6 0 0 1 18 10a4 4 0 0 1 2.6 6.4'],
  empty: ['M4 13l2.5-7h11l2.5 7', 'M4 13v6h16v-6', 'M4 13h5l1 2h4l1-2h5'],
} satisfies Record<string, string[]>

/**
 * The pictograms of screens after the first (accounts, kiosk, admin, …): AppIcon.vue loads them
 * when one of them is first drawn, and the app's later start (start-later.ts) asks for them too.
 */
export const MORE_ICONS = {
  update: ['M20 12a8 8 0 1 1-2.3-5.7', 'M20 4v5h-5'],
  card: ['M3 5h18v14H3z', 'M6 9h5v5H6z', 'M14 9h4', 'M14 12h4', 'M14 15h2'],
  staff: ['M12 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z', 'M4 21a8 8 0 0 1 16 0', 'M10 15l2 2 2-2', 'M12 17v4'],
  camera: ['M4 7h4l2-3h4l2 3h4v12H4z', 'M12 17a4 4 0 1 0 0-8 4 4 0 0 0 0 8z'],
  'sign-out': ['M10 4H5v16h5', 'M14 8l4 4-4 4', 'M18 12H9'],
  'sign-in': ['M14 4h5v16h-5', 'M10 8l4 4-4 4', 'M14 12H4'],
  switch: ['M7 4L3 8l4 4', 'M3 8h14', 'M17 12l4 4-4 4', 'M21 16H7'],
  screen: ['M3 4h18v12H3z', 'M8 20h8', 'M12 16v4'],
  booth: ['M3 12h18v8H3z', 'M7 12V4h10v8', 'M9.5 8l2 2 3.5-4'],
  admin: ['M12 3l8 3v6c0 4.5-3.4 8-8 9-4.6-1-8-4.5-8-9V6z', 'M9 12l2 2 4-4'],
  download: ['M12 4v11', 'M7 10l5 5 5-5', 'M4 20h16'],
  erase: ['M4 7h16', 'M9 7V4h6v3', 'M6 7l1 13h10l1-13'],
  device: ['M7 3h10v18H7z', 'M11 18h2'],
} satisfies Record<string, string[]>

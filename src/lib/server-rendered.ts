/** The attribute the server sets on `#root` when it has drawn the page into the HTML (the sign-in screen). */
export const SERVER_RENDERED = 'data-server-rendered';

// The sign-in form (shown when there is no session) and the sign-out button. Signing in continues in the same
// page load; signing out reloads the page, which then shows the form again.
import { signIn, signOut } from './api.js';

/** Shows only the sign-in form; submitting it starts a session for the typed name, as typed, then `onSignedIn`. */
export function showSignIn(onSignedIn: () => void, onError: (e: unknown) => void): void {
  const form = document.getElementById('sign-in') as HTMLFormElement;
  const name = document.getElementById('sign-in-name') as HTMLInputElement;
  const main = document.querySelector('main')!;
  const checkCors = document.getElementById('check-cors')!;
  form.hidden = false;
  main.hidden = checkCors.hidden = true;
  document.getElementById('status')!.textContent = 'not signed in';
  document.body.dataset.session = 'none';
  form.onsubmit = (e) => {
    e.preventDefault();
    signIn(name.value).then(() => {
      form.hidden = true;
      main.hidden = checkCors.hidden = false;
      onSignedIn();
    }, onError);
  };
  name.focus();
}

/** Shows the sign-out button; `beforeSignOut` releases what the session used (the client's Worker). */
export function showSignOut(user: string, beforeSignOut: () => void, onError: (e: unknown) => void): void {
  const button = document.getElementById('sign-out') as HTMLButtonElement;
  button.hidden = false;
  button.textContent = `Sign out ${user}`;
  document.body.dataset.session = user;
  button.onclick = () => {
    beforeSignOut();
    signOut().then(() => location.reload(), onError);
  };
}

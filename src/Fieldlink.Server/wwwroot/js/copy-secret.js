// Copies a secret shown once (an API key, a password) to the clipboard. Thin interop: MudBlazor has no clipboard.
// Answers false where the browser refuses (no permission, not a secure context): the page then asks to copy by hand.
export async function copyText(text) {
    try {
        await navigator.clipboard.writeText(text);
        return true;
    } catch {
        return false;
    }
}

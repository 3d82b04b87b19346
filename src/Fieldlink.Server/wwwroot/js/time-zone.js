// The browser's IANA time zone, for times shown in the user's own clock. Thin interop: MudBlazor has no equivalent.
export function timeZone() {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

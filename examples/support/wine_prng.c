/* A stand-in for Windows's bcryptprimitives.dll under Debian's wine 8, which lacks the
   ProcessPrng that Rust's standard library imports: the same random bytes, from
   RtlGenRandom (advapi32's SystemFunction036). A fact of the test set-up, not of cffi-rs:
   Windows itself and newer wine have ProcessPrng. */
#include <windows.h>

BOOLEAN NTAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, n))
            return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}

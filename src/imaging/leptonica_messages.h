// Leptonica prints its errors and warnings on stderr, which would interleave with our own output and
// progress bar. Every module that calls Leptonica calls this once first: messages then go to our log at
// debug level (TEXTRA_LOG=debug shows them); the errors themselves reach users through Status.
#pragma once

namespace textra::imaging {

void route_leptonica_messages_to_log();

}  // namespace textra::imaging

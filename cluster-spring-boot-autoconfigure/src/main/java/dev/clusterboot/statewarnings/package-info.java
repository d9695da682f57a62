/**
 * State warnings: with more than one worker, each piece of state a worker keeps on its own (an in-memory database, in-memory sessions) is found once and reported as one warning that names the fix.
 */
@NullMarked
package dev.clusterboot.statewarnings;

import org.jspecify.annotations.NullMarked;

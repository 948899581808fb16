/**
 * Shared kernel: money, problem types and the clock that every module uses.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.boxoffice.shared;

import org.jspecify.annotations.NullMarked;

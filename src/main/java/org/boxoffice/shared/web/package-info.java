@NullMarked
package org.boxoffice.shared.web;

import org.jspecify.annotations.NullMarked;

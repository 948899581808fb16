// The seat map every page draws (event, organizer dashboard, venue preview): an SVG of seats with zoom, pan and keyboard.
// Up to DRAW_ALL_UP_TO seats every seat is a circle from the start. Larger venues are drawn as one shape per section
// while zoomed out, and only the seats in view (at most SEATS_IN_VIEW of them) once zoomed in, so that a
// 100,000-seat stadium costs the page no more than a small hall.
const SVG = 'http://www.w3.org/2000/svg';
export const DRAW_ALL_UP_TO = 20_000;
export const SEATS_IN_VIEW = 12_000;

/**
 * @param svg the <svg> element to draw into
 * @param options describe(seat) → accessible name; fill(seat) → colour; onPick(id) when a seat is clicked or Enter is
 *        pressed on it; onFocus(seat) when the keyboard moves to a seat; sectionFill(stats) → [colour, opacity] of a
 *        section's shape, stats = {name, total, AVAILABLE, HELD, SOLD, BLOCKED}
 */
export function seatMap(svg, options) {
  const seats = new Map();      // id → seat (the API's seat, its status kept current)
  const nodes = new Map();      // id → <circle>, only for the seats drawn now
  const marks = new Map();      // id → Set of classes (selected, taken, focused) that survive redrawing
  const sections = new Map();   // name → {name, box, total, counts by status, node}
  let order = [];               // seat ids in venue order, for moving between seats by keyboard
  let large = false;
  let whole = [0, 0, 100, 100];
  let view = null;
  let focused = null;
  let pending = false;
  const sectionLayer = document.createElementNS(SVG, 'g');
  const seatLayer = document.createElementNS(SVG, 'g');

  function circle(seat) {
    const node = document.createElementNS(SVG, 'circle');
    node.setAttribute('cx', seat.x);
    node.setAttribute('cy', seat.y);
    node.setAttribute('r', 4);
    node.setAttribute('fill', options.fill(seat));
    node.setAttribute('data-seat-id', seat.id);
    node.setAttribute('data-status', seat.status);
    node.setAttribute('role', 'button');
    node.setAttribute('tabindex', '-1');
    node.setAttribute('id', `seat-${seat.id}`);
    node.setAttribute('aria-label', options.describe(seat));
    const title = document.createElementNS(SVG, 'title');
    title.textContent = options.describe(seat);
    node.append(title);
    for (const mark of marks.get(String(seat.id)) || []) node.classList.add(mark);
    return node;
  }

  /** Draws a (new) set of seats; the same seats again (a stream's fresh snapshot) only update their status. */
  function draw(all) {
    if (seats.size === all.length && all.every((s) => seats.has(String(s.id)))) {
      all.forEach((s) => setStatus(s.id, s.status));
      return false;
    }
    seats.clear(); nodes.clear(); sections.clear();
    order = all.map((s) => String(s.id));
    large = all.length > DRAW_ALL_UP_TO;
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const seat of all) {
      seats.set(String(seat.id), seat);
      minX = Math.min(minX, seat.x); minY = Math.min(minY, seat.y); maxX = Math.max(maxX, seat.x); maxY = Math.max(maxY, seat.y);
      let section = sections.get(seat.section);
      if (!section) {
        section = { name: seat.section, first: seat, box: [seat.x, seat.y, seat.x, seat.y], total: 0, AVAILABLE: 0, HELD: 0, SOLD: 0, BLOCKED: 0 };
        sections.set(seat.section, section);
      }
      section.box = [Math.min(section.box[0], seat.x), Math.min(section.box[1], seat.y),
        Math.max(section.box[2], seat.x), Math.max(section.box[3], seat.y)];
      section.total++;
      section[seat.status]++;
    }
    whole = all.length ? [minX - 10, minY - 10, maxX - minX + 20, maxY - minY + 20] : [0, 0, 100, 100];
    view = [...whole];
    svg.style.setProperty('--aspect', `${whole[2]} / ${whole[3]}`);
    sectionLayer.replaceChildren();
    seatLayer.replaceChildren();
    svg.replaceChildren(sectionLayer, seatLayer);
    if (large) {
      for (const section of sections.values()) sectionLayer.append(sectionShape(section));
    } else {
      const fragment = document.createDocumentFragment();
      for (const seat of all) {
        const node = circle(seat);
        nodes.set(String(seat.id), node);
        fragment.append(node);
      }
      seatLayer.append(fragment);
    }
    show();
    return true;
  }

  function sectionShape(section) {
    const [x0, y0, x1, y1] = section.box;
    const group = document.createElementNS(SVG, 'g');
    group.setAttribute('class', 'section');
    group.setAttribute('data-section', section.name);
    group.setAttribute('role', 'button');
    const rect = document.createElementNS(SVG, 'rect');
    rect.setAttribute('x', x0 - 6); rect.setAttribute('y', y0 - 6);
    rect.setAttribute('width', x1 - x0 + 12); rect.setAttribute('height', y1 - y0 + 12);
    rect.setAttribute('rx', 8);
    const label = document.createElementNS(SVG, 'text');
    label.setAttribute('x', (x0 + x1) / 2); label.setAttribute('y', (y0 + y1) / 2);
    label.setAttribute('text-anchor', 'middle'); label.setAttribute('dominant-baseline', 'middle');
    const title = document.createElementNS(SVG, 'title');
    group.append(rect, label, title);
    section.node = group;
    styleSection(section);
    return group;
  }

  function styleSection(section) {
    if (!section.node) return;
    const [rect, label, title] = section.node.children;
    const [colour, opacity] = (options.sectionFill || defaultSectionFill)(section);
    rect.setAttribute('fill', colour);
    rect.setAttribute('fill-opacity', opacity);
    const text = `Section ${section.name}, ${section.AVAILABLE.toLocaleString('en')} of ${section.total.toLocaleString('en')} seats available`;
    label.textContent = `${section.name} · ${section.AVAILABLE.toLocaleString('en')} free`;
    // as large as fits the shape: a character is about 0.6 of the font size wide
    const [x0, y0, x1, y1] = section.box;
    label.setAttribute('font-size', Math.max(4, Math.min((y1 - y0) / 4, (x1 - x0 + 8) / (0.62 * label.textContent.length))));
    title.textContent = `${text}; click to zoom in`;
    section.node.setAttribute('aria-label', text);
    section.node.setAttribute('data-available', section.AVAILABLE);
  }

  function defaultSectionFill(section) {
    return [options.fill(section.first), 0.15 + 0.6 * (section.AVAILABLE / Math.max(1, section.total))];
  }

  /** The part of the map the SVG shows: the view box widened to the element's shape (it keeps the aspect ratio). */
  function visible() {
    const box = svg.getBoundingClientRect();
    if (!box.width || !box.height) return view;
    const scale = Math.max(view[2] / box.width, view[3] / box.height);
    const w = box.width * scale, h = box.height * scale;
    return [view[0] - (w - view[2]) / 2, view[1] - (h - view[3]) / 2, w, h];
  }

  function show() {
    svg.setAttribute('viewBox', view.join(' '));
    if (large && !pending) {
      pending = true;
      requestAnimationFrame(() => { pending = false; drawInView(); });
    }
  }

  /** The seats inside the part of the map shown, or null when there are more than SEATS_IN_VIEW of them. */
  function seatsIn([x, y, w, h]) {
    const inView = [];
    for (const id of order) {
      const s = seats.get(id);
      if (s.x >= x - 5 && s.x <= x + w + 5 && s.y >= y - 5 && s.y <= y + h + 5) {
        inView.push(s);
        if (inView.length > SEATS_IN_VIEW) return null;
      }
    }
    return inView;
  }

  /** Large venues: the seats in view when few enough of them are, else the sections. */
  function drawInView() {
    const inView = seatsIn(visible()) || [];
    const showSeats = inView.length > 0;
    svg.classList.toggle('zoomed-out', !showSeats);
    const wanted = new Set(showSeats ? inView.map((s) => String(s.id)) : []);
    for (const [id, node] of nodes) {
      if (!wanted.has(id)) { node.remove(); nodes.delete(id); }
    }
    const fragment = document.createDocumentFragment();
    for (const id of wanted) {
      if (!nodes.has(id)) {
        const node = circle(seats.get(id));
        nodes.set(id, node);
        fragment.append(node);
      }
    }
    seatLayer.append(fragment);
    for (const section of sections.values()) styleSection(section);
    svg.dispatchEvent(new CustomEvent('seats-in-view', { detail: { seats: nodes.size } }));
  }

  function setStatus(id, status) {
    const seat = seats.get(String(id));
    if (!seat || seat.status === status) return seat;
    const section = sections.get(seat.section);
    if (section) { section[seat.status]--; section[status]++; }
    seat.status = status;
    const node = nodes.get(String(id));
    if (node) {
      node.setAttribute('data-status', status);
      node.setAttribute('aria-label', options.describe(seat));
      node.firstChild.textContent = options.describe(seat);
    }
    if (large && section && !nodes.size) styleSection(section);
    return seat;
  }

  function mark(id, name, on) {
    const key = String(id);
    const set = marks.get(key) || new Set();
    if (on) set.add(name); else set.delete(name);
    if (set.size) marks.set(key, set); else marks.delete(key);
    nodes.get(key)?.classList.toggle(name, on);
  }

  function zoom(factor, cx = view[0] + view[2] / 2, cy = view[1] + view[3] / 2) {
    const w = Math.min(whole[2] * 2, Math.max(20, view[2] * factor));
    const h = view[3] * (w / view[2]);
    view = [cx - (cx - view[0]) * (w / view[2]), cy - (cy - view[1]) * (h / view[3]), w, h];
    show();
  }

  function zoomTo(x0, y0, x1, y1) {
    view = [x0 - 10, y0 - 10, x1 - x0 + 20, y1 - y0 + 20];
    show();
  }

  /** Zooms to a section; one too big to show seat by seat is shown from its front rows, as much as can be drawn. */
  function zoomToSection(section) {
    const [x0, y0, x1, y1] = section.box;
    zoomTo(x0, y0, x1, y1);
    while (view[2] > 40 && !seatsIn(visible())) {
      view = [view[0] + view[2] * 0.1, view[1], view[2] * 0.8, view[3] * 0.8];
    }
    show();
  }

  function toMap(clientX, clientY) {
    const box = svg.getBoundingClientRect();
    const [x, y, w] = visible();
    const scale = w / box.width;
    return [x + (clientX - box.left) * scale, y + (clientY - box.top) * scale, scale];
  }

  function focusSeat(id) {
    if (focused) mark(focused, 'focused', false);
    focused = String(id);
    const seat = seats.get(focused);
    if (!nodes.has(focused)) {
      // a seat not drawn (a large venue zoomed out, or panned away): bring it into view at a size to pick seats at
      const w = Math.min(view[2], 300);
      view = [seat.x - w / 2, seat.y - (view[3] * w / view[2]) / 2, w, view[3] * w / view[2]];
      show();
      if (large) drawInView();
    }
    mark(focused, 'focused', true);
    svg.setAttribute('aria-activedescendant', `seat-${focused}`);
    options.onFocus?.(seat);
  }

  function nextByKey(key) {
    const here = seats.get(focused);
    if (key === 'ArrowRight' || key === 'ArrowLeft') return order[order.indexOf(focused) + (key === 'ArrowRight' ? 1 : -1)];
    const below = key === 'ArrowDown';
    let best = Infinity, next = null;
    for (const id of order) {
      const s = seats.get(id);
      const dy = below ? s.y - here.y : here.y - s.y;
      if (dy <= 0) continue;
      const distance = dy * 1000 + Math.abs(s.x - here.x);
      if (distance < best) { best = distance; next = id; }
    }
    return next;
  }

  // pointer: drag pans, a click (no drag) picks a seat or zooms into a section; the wheel zooms around the pointer
  svg.addEventListener('wheel', (e) => {
    e.preventDefault();
    const [x, y] = toMap(e.clientX, e.clientY);
    zoom(e.deltaY > 0 ? 1.2 : 1 / 1.2, x, y);
  }, { passive: false });
  let drag = null;
  svg.addEventListener('pointerdown', (e) => { drag = { x: e.clientX, y: e.clientY, moved: false }; });
  svg.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const [, , scale] = toMap(e.clientX, e.clientY);
    const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    if (!drag.moved) return;
    view[0] -= dx * scale; view[1] -= dy * scale;
    drag.x = e.clientX; drag.y = e.clientY;
    show();
  });
  svg.addEventListener('pointerup', (e) => {
    const clicked = drag && !drag.moved;
    drag = null;
    if (!clicked || !e.target.closest) return;
    const seat = e.target.closest('circle[data-seat-id]');
    const section = e.target.closest('g.section');
    if (seat) options.onPick(seat.getAttribute('data-seat-id'));
    else if (section) zoomToSection(sections.get(section.getAttribute('data-section')));
  });
  // keyboard: arrow keys move between seats (up and down to the nearest seat of the row before or after), Enter or
  // Space picks, + and − zoom
  svg.setAttribute('tabindex', '0');
  // reached by keyboard, the map puts the focus on a seat in view; a mouse click on the map leaves the view alone
  const firstInView = () => nodes.keys().next().value || order[0];
  svg.addEventListener('focus', () => { if (!focused && order.length && svg.matches(':focus-visible')) focusSeat(firstInView()); });
  svg.addEventListener('keydown', (e) => {
    if (e.key === '+' || e.key === '-') { zoom(e.key === '+' ? 1 / 1.5 : 1.5); return; }
    if (!focused && order.length && e.key.startsWith('Arrow')) { e.preventDefault(); focusSeat(firstInView()); return; }
    if (!focused) return;
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); options.onPick(focused); return; }
    if (!['ArrowRight', 'ArrowLeft', 'ArrowDown', 'ArrowUp'].includes(e.key)) return;
    e.preventDefault();
    const next = nextByKey(e.key);
    if (next) focusSeat(next);
  });

  return {
    draw, setStatus, mark,
    seat: (id) => seats.get(String(id)),
    node: (id) => nodes.get(String(id)),
    all: () => order.map((id) => seats.get(id)),
    sections: () => [...sections.values()],
    get size() { return seats.size; },
    zoomIn: () => zoom(1 / 1.5),
    zoomOut: () => zoom(1.5),
    reset: () => { view = [...whole]; show(); },
  };
}

/** Colours of the seat statuses; the shapes differ too (see app.css), so colour is never the only signal. */
export const STATUS_COLOURS = { HELD: '#f0b429', SOLD: '#9aa3b2', BLOCKED: '#3d4451' };

/** A legend item: a small drawn seat like those on the map, and its name. */
export function legendItem(text, colour, status = 'AVAILABLE') {
  const item = document.createElement('span');
  item.className = 'legend-item';
  const swatch = document.createElementNS(SVG, 'svg');
  swatch.setAttribute('viewBox', '-6 -6 12 12');
  swatch.setAttribute('class', 'swatch');
  swatch.setAttribute('aria-hidden', 'true');
  const dot = document.createElementNS(SVG, 'circle');
  dot.setAttribute('r', 4);
  dot.setAttribute('fill', colour);
  dot.setAttribute('data-status', status);
  swatch.append(dot);
  item.append(swatch, document.createTextNode(text));
  return item;
}

// 2048: slide the tiles, equal tiles merge, reach 2048. No libraries, works offline.
(function () {
	'use strict';

	const SIZE = 4;
	const WIN = 2048;
	const SWIPE_MIN_PX = 30;
	const STORAGE_GAME = 'zdt-2048-game';
	const STORAGE_BEST = 'zdt-2048-best';
	const STORAGE_NAME = 'zdt-2048-name';
	const KEYS = {
		ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down',
		a: 'left', d: 'right', w: 'up', s: 'down',
		A: 'left', D: 'right', W: 'up', S: 'down'
	};

	const boardElement = document.getElementById('board');
	const scoreElement = document.getElementById('score');
	const bestElement = document.getElementById('best');
	const messageElement = document.getElementById('message');
	const messageText = document.getElementById('message-text');
	const keepGoingButton = document.getElementById('keep-going');
	const scoreForm = document.getElementById('score-form');
	const nameInput = document.getElementById('player-name');
	const formStatus = document.getElementById('form-status');
	const highScoreList = document.getElementById('high-score-list');

	let state = null;

	// --- storage (may be unavailable, e.g. in private windows) ---

	function load(key) {
		try {
			return window.localStorage.getItem(key);
		}
		catch (e) {
			return null;
		}
	}

	function store(key, value) {
		try {
			window.localStorage.setItem(key, value);
		}
		catch (e) {
			// The game still works, it just forgets.
		}
	}

	// --- the rules ---

	function emptyGrid() {
		return Array.from({ length: SIZE }, () => new Array(SIZE).fill(0));
	}

	function newGame() {
		state = { grid: emptyGrid(), score: 0, won: false, keepPlaying: false, over: false };
		const first = addRandomTile();
		const second = addRandomTile();
		render([first, second], []);
		save();
	}

	function emptyCells() {
		const cells = [];
		for (let row = 0; row < SIZE; row++) {
			for (let column = 0; column < SIZE; column++) {
				if (state.grid[row][column] === 0) {
					cells.push([row, column]);
				}
			}
		}
		return cells;
	}

	function addRandomTile() {
		const cells = emptyCells();
		if (cells.length === 0) {
			return null;
		}
		const cell = cells[Math.floor(Math.random() * cells.length)];
		state.grid[cell[0]][cell[1]] = Math.random() < 0.9 ? 2 : 4;
		return cell;
	}

	// Slides one line toward index 0; each tile merges at most once per move.
	function slide(line) {
		const tiles = line.filter((value) => value !== 0);
		const result = [];
		const merged = [];
		let gained = 0;
		for (let i = 0; i < tiles.length; i++) {
			if (i + 1 < tiles.length && tiles[i] === tiles[i + 1]) {
				const value = tiles[i] * 2;
				merged.push(result.length);
				result.push(value);
				gained += value;
				i++;
			}
			else {
				result.push(tiles[i]);
			}
		}
		while (result.length < SIZE) {
			result.push(0);
		}
		return { line: result, merged: merged, gained: gained };
	}

	// The cells of line `index`, starting at the edge the tiles move toward.
	function lineCells(direction, index) {
		const cells = [];
		for (let k = 0; k < SIZE; k++) {
			switch (direction) {
				case 'left': cells.push([index, k]); break;
				case 'right': cells.push([index, SIZE - 1 - k]); break;
				case 'up': cells.push([k, index]); break;
				default: cells.push([SIZE - 1 - k, index]); break;
			}
		}
		return cells;
	}

	function canMove() {
		if (emptyCells().length > 0) {
			return true;
		}
		for (let row = 0; row < SIZE; row++) {
			for (let column = 0; column < SIZE; column++) {
				const value = state.grid[row][column];
				if ((column + 1 < SIZE && state.grid[row][column + 1] === value)
						|| (row + 1 < SIZE && state.grid[row + 1][column] === value)) {
					return true;
				}
			}
		}
		return false;
	}

	function move(direction) {
		if (state.over || (state.won && !state.keepPlaying)) {
			return false;
		}
		let moved = false;
		const mergedCells = [];
		for (let index = 0; index < SIZE; index++) {
			const cells = lineCells(direction, index);
			const result = slide(cells.map((cell) => state.grid[cell[0]][cell[1]]));
			result.line.forEach((value, k) => {
				const cell = cells[k];
				if (state.grid[cell[0]][cell[1]] !== value) {
					moved = true;
				}
				state.grid[cell[0]][cell[1]] = value;
			});
			result.merged.forEach((k) => mergedCells.push(cells[k]));
			state.score += result.gained;
		}
		if (!moved) {
			return false;
		}
		const spawned = addRandomTile();
		if (!state.won && state.grid.some((row) => row.some((value) => value >= WIN))) {
			state.won = true;
		}
		state.over = !canMove();
		render([spawned], mergedCells);
		save();
		return true;
	}

	// --- drawing ---

	function contains(cells, row, column) {
		return cells.some((cell) => cell && cell[0] === row && cell[1] === column);
	}

	function render(newCells, mergedCells) {
		const fragment = document.createDocumentFragment();
		for (let row = 0; row < SIZE; row++) {
			for (let column = 0; column < SIZE; column++) {
				const cell = document.createElement('div');
				cell.className = 'cell';
				cell.setAttribute('role', 'gridcell');
				const value = state.grid[row][column];
				if (value !== 0) {
					const tile = document.createElement('div');
					tile.className = 'tile';
					if (value > WIN) {
						tile.classList.add('super');
					}
					if (contains(newCells, row, column)) {
						tile.classList.add('new');
					}
					else if (contains(mergedCells, row, column)) {
						tile.classList.add('merged');
					}
					tile.dataset.value = String(value);
					tile.textContent = String(value);
					cell.appendChild(tile);
				}
				fragment.appendChild(cell);
			}
		}
		boardElement.replaceChildren(fragment);
		boardElement.dataset.board = state.grid.map((row) => row.join(',')).join(',');
		scoreElement.textContent = String(state.score);
		const best = Math.max(state.score, Number(load(STORAGE_BEST)) || 0);
		store(STORAGE_BEST, String(best));
		bestElement.textContent = String(best);
		renderMessage();
	}

	function renderMessage() {
		if (state.over) {
			showMessage('Game over!', false);
		}
		else if (state.won && !state.keepPlaying) {
			showMessage('You win!', true);
		}
		else {
			messageElement.hidden = true;
		}
	}

	function showMessage(text, won) {
		messageText.textContent = text;
		messageElement.classList.toggle('won', won);
		keepGoingButton.hidden = !won;
		messageElement.hidden = false;
	}

	function save() {
		store(STORAGE_GAME, JSON.stringify(state));
	}

	function restore() {
		try {
			const saved = JSON.parse(load(STORAGE_GAME));
			if (saved && Array.isArray(saved.grid) && saved.grid.length === SIZE
					&& saved.grid.every((row) => Array.isArray(row) && row.length === SIZE)) {
				state = saved;
				render([], []);
				return true;
			}
		}
		catch (e) {
			// A corrupt save starts a new game.
		}
		return false;
	}

	// --- input ---

	document.addEventListener('keydown', (event) => {
		if (event.target === nameInput || event.altKey || event.ctrlKey || event.metaKey) {
			return;
		}
		const direction = KEYS[event.key];
		if (direction) {
			event.preventDefault();
			move(direction);
		}
	});

	let touchStart = null;
	boardElement.addEventListener('touchstart', (event) => {
		if (event.touches.length === 1) {
			touchStart = { x: event.touches[0].clientX, y: event.touches[0].clientY };
		}
	}, { passive: true });
	boardElement.addEventListener('touchend', (event) => {
		if (!touchStart || event.changedTouches.length !== 1) {
			return;
		}
		const dx = event.changedTouches[0].clientX - touchStart.x;
		const dy = event.changedTouches[0].clientY - touchStart.y;
		touchStart = null;
		if (Math.max(Math.abs(dx), Math.abs(dy)) < SWIPE_MIN_PX) {
			return;
		}
		if (Math.abs(dx) > Math.abs(dy)) {
			move(dx > 0 ? 'right' : 'left');
		}
		else {
			move(dy > 0 ? 'down' : 'up');
		}
	});

	document.getElementById('new-game').addEventListener('click', newGame);
	document.getElementById('try-again').addEventListener('click', newGame);
	keepGoingButton.addEventListener('click', () => {
		state.keepPlaying = true;
		save();
		renderMessage();
	});

	// --- high scores (GET/POST api/scores, relative so the app may live under a path) ---

	function showStatus(text, error) {
		formStatus.textContent = text;
		formStatus.classList.toggle('error', error);
	}

	function renderHighScores(scores) {
		const items = scores.map((entry) => {
			const item = document.createElement('li');
			const name = document.createElement('span');
			name.className = 'name';
			name.textContent = entry.rank + '. ' + entry.name;
			const points = document.createElement('span');
			points.className = 'points';
			points.textContent = String(entry.score);
			item.append(name, points);
			return item;
		});
		highScoreList.replaceChildren(...items);
	}

	function refreshHighScores() {
		return fetch('api/scores', { headers: { Accept: 'application/json' } })
			.then((response) => (response.ok ? response.json() : Promise.reject(new Error('HTTP ' + response.status))))
			.then(renderHighScores)
			.catch(() => showStatus('High scores are unavailable right now.', true));
	}

	scoreForm.addEventListener('submit', (event) => {
		event.preventDefault();
		const name = nameInput.value.trim();
		store(STORAGE_NAME, name);
		fetch('api/scores', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
			body: JSON.stringify({ name: name, score: state.score })
		})
			.then((response) => response.json().then((body) => ({ ok: response.ok, body: body })))
			.then((result) => {
				if (!result.ok) {
					showStatus(result.body.detail || 'The score was not saved.', true);
					return;
				}
				showStatus(result.body.rank > 0
					? 'Saved ' + result.body.score + ' as number ' + result.body.rank + '.'
					: 'Saved, but ' + result.body.score + ' did not make the list.', false);
				return refreshHighScores();
			})
			.catch(() => showStatus('The score was not saved: the server did not answer.', true));
	});

	nameInput.value = load(STORAGE_NAME) || '';
	if (!restore()) {
		newGame();
	}
	refreshHighScores();
	boardElement.focus();
}());

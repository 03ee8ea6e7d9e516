package dev.zdt.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

import dev.zdt.sample.scores.HighScore;
import dev.zdt.sample.scores.HighScores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 2048 page in Debian's headless Chromium, driven by chromedriver: a key press moves
 * the tiles, and a score saved from the page reaches the server and its list.
 */
@SampleAppTest
class GameBrowserIntegrationTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Duration WAIT = Duration.ofSeconds(10);

	@LocalServerPort
	private int port;

	@Autowired
	private HighScores highScores;

	@TempDir
	static Path profile;

	private static WebDriver driver;

	@BeforeAll
	static void startBrowser() {
		assertThat(CHROMIUM).as("Chromium is missing: apt-get install chromium chromium-driver (.ci/setup does)")
			.isExecutable();
		assertThat(CHROMEDRIVER).as("chromedriver is missing: apt-get install chromium-driver (.ci/setup does)")
			.isExecutable();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		// Without the networking flags Chromium keeps calling home, which this machine
		// refuses.
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--disable-dev-shm-usage", "--window-size=800,1000", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		driver = new ChromeDriver(service, options);
	}

	@AfterAll
	static void stopBrowser() {
		if (driver != null) {
			driver.quit();
		}
	}

	/**
	 * Opens the page as a first-time visitor: no saved game, no saved name.
	 */
	@BeforeEach
	void openFreshPage() {
		driver.get("http://127.0.0.1:" + this.port + "/");
		((JavascriptExecutor) driver).executeScript("window.localStorage.clear()");
		driver.navigate().refresh();
		waitUntil(() -> driver.findElement(By.id("board")).getDomAttribute("data-board") != null);
	}

	@Test
	void arrowKeyMovesTheTilesAndTheDomShowsBoardAndScore() {
		WebElement board = driver.findElement(By.id("board"));
		assertThat(driver.findElements(By.cssSelector("#board .cell"))).hasSize(16);
		assertThat(tiles()).hasSize(2);
		String before = board.getDomAttribute("data-board");

		// Two tiles can always move in at least one of the four directions.
		boolean moved = false;
		for (Keys key : List.of(Keys.ARROW_LEFT, Keys.ARROW_RIGHT, Keys.ARROW_UP, Keys.ARROW_DOWN)) {
			new Actions(driver).sendKeys(key).perform();
			if (waitQuietlyUntil(() -> !before.equals(board.getDomAttribute("data-board")))) {
				moved = true;
				break;
			}
		}

		assertThat(moved).as("the board changed after an arrow key").isTrue();
		int[] cells = Arrays.stream(board.getDomAttribute("data-board").split(","))
			.mapToInt(Integer::parseInt)
			.toArray();
		int[] shown = tiles().stream().mapToInt((tile) -> Integer.parseInt(tile.getText())).sorted().toArray();
		assertThat(shown).containsExactly(Arrays.stream(cells).filter((value) -> value != 0).sorted().toArray());
		assertThat(shown.length).as("a tile spawned (or two merged and one spawned)").isBetween(2, 3);
		int score = Integer.parseInt(driver.findElement(By.id("score")).getText());
		// Two tiles merged (the larger tile now, and its value scored) or none did (no
		// points).
		int expectedScore = (shown.length == 2) ? Arrays.stream(shown).max().getAsInt() : 0;
		assertThat(score).isEqualTo(expectedScore);
	}

	@Test
	void scoreSavedFromThePageIsStoredAndListed() {
		String name = "browser-" + System.nanoTime() % 100000;
		driver.findElement(By.id("player-name")).sendKeys(name);
		driver.findElement(By.cssSelector("#score-form button[type=submit]")).click();

		waitUntil(() -> driver.findElement(By.id("high-score-list")).getText().contains(name));
		assertThat(driver.findElement(By.id("form-status")).getText()).startsWith("Saved");
		assertThat(this.highScores.top(this.highScores.capacity())).extracting(HighScore::name).contains(name);
	}

	private List<WebElement> tiles() {
		return driver.findElements(By.cssSelector("#board .tile"));
	}

	private void waitUntil(BooleanSupplier condition) {
		new WebDriverWait(driver, WAIT).until((driver) -> condition.getAsBoolean());
	}

	private boolean waitQuietlyUntil(BooleanSupplier condition) {
		try {
			new WebDriverWait(driver, Duration.ofMillis(500)).until((driver) -> condition.getAsBoolean());
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
	}

}

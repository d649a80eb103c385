import Foundation
import LessonScript
import Notebook

extension SiteBuilder {
    /// The trainings `lessons` will ask for (`TrainingForecast`), for the build's threads to run
    /// before they take lessons — or nil when running them ahead would not pay: a build on one
    /// thread (nothing runs beside the lesson), or a build with cell results from an earlier one
    /// (the lessons' cells are most likely cached, and then no training runs at all). Only a
    /// build without a cell cache (`--no-cache`, the first build, after `attnbook clean`)
    /// forecasts.
    func trainingForecast(_ lessons: [Lesson], jobs: Int) -> TrainingForecast? {
        guard jobs > 1 else { return nil }
        // `cells/` is where `CellCache` keeps one file per lesson.
        if options.useCache, FileManager.default.fileExists(atPath: CellCache.directory(besideLessons: options.lessons) + "/cells") {
            return nil
        }
        let forecast = TrainingForecast(lessons.map { lesson in
            TrainingForecast.LessonCells(
                file: lesson.path, precision: lesson.frontMatter.precision, budget: .scaled(lesson.frontMatter.budget),
                cells: lesson.blocks.compactMap { block in
                    if case .cell(let cell) = block { (cell.source, cell.firstLine) } else { nil }
                })
        })
        return forecast.count > 0 ? forecast : nil
    }
}

//! Coffee Chat's Tauri shell: window, commands and plugins around the core.
//!
//! Architecture invariant: no SQL and no business rule here; every command is one core call.

mod commands;
mod error;
mod state;

use tauri::Manager;

use crate::state::AppState;

pub fn run() {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();

    tauri::Builder::default()
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            let data_dir = app.path().app_data_dir()?;
            let database_path = data_dir.join(coffeechat_core::store::DATABASE_FILE);
            log::info!("data file: {}", database_path.display());
            app.manage(AppState::open(database_path));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_status,
            commands::today,
            commands::list_people,
            commands::get_person,
            commands::add_person,
            commands::update_person,
            commands::delete_person,
            commands::suggestions,
            commands::create_interview,
            commands::get_interview,
            commands::update_interview,
            commands::move_interview,
            commands::set_interview_stage,
            commands::delete_interview,
            commands::pipeline,
            commands::question_bank,
            commands::prepare_question,
            commands::remove_prepared_question,
            commands::move_prepared_question,
            commands::complete_reminder,
            commands::get_settings,
            commands::update_settings,
            commands::list_trash,
            commands::restore_from_trash,
            commands::open_data_folder,
        ])
        .run(tauri::generate_context!())
        .expect("error while running Coffee Chat");
}
